"""initialize and initialized: the session learns the workspace, the position encoding and the
settings; then the server asks the client to watch the config files."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..config import CONFIG_NAMES

if TYPE_CHECKING:
    from .server import CopydeskServer


def initialize(ls: CopydeskServer, params: types.InitializeParams) -> None:
    # pygls has made the workspace (root, negotiated encoding) before it calls this handler.
    session = ls.session
    session.root = Path(ls.workspace.root_path) if ls.workspace.root_path else None
    session.encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
    session.init_options = params.initialization_options
    session.configure(params.initialization_options)


def initialized(ls: CopydeskServer, params: types.InitializedParams) -> None:
    encoding = getattr(ls.session.encoding, "value", ls.session.encoding)
    ls.log(f"copydesk {ls.version} ready; positions in {encoding}")
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched and watched.dynamic_registration:
        watch_config_files(ls)


def watch_config_files(ls: CopydeskServer) -> None:
    """Ask the client to tell us when a config file changes on disk."""
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
    registration = types.Registration(
        id="copydesk-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
    future = ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    def registered(f: Any) -> None:
        error = None if f.cancelled() else f.exception()
        if error is not None:  # saving a config file still reloads it
            ls.log(f"cannot watch config files: {error}", types.MessageType.Warning)

    future.add_done_callback(registered)


FEATURES = (
    (types.INITIALIZE, None, initialize),
    (types.INITIALIZED, None, initialized),
)
