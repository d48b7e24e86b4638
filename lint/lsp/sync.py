"""Text and configuration sync: didOpen, didChange, didSave, didClose, watched files and
workspace/didChangeConfiguration."""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from lsprotocol import types

from ..config import CONFIG_NAMES
from .documents import opened
from .memory import release_memory
from .publish import publish, publish_all, schedule
from .settings import section

if TYPE_CHECKING:
    from .server import CopydeskServer


def is_config_file(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_NAMES


def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams) -> None:
    buf = opened(params.text_document)
    if buf is None:
        return
    ls.session.buffers[buf.uri] = buf
    publish(ls, buf.uri)  # no debounce: the writer wants the flags as the file opens


def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams) -> None:
    buf = ls.session.buffers.get(params.text_document.uri)
    if buf is None:
        return
    for change in params.content_changes:
        buf.apply(change, ls.session.encoding)
    buf.version = params.text_document.version
    schedule(ls, buf.uri)


def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    buf = ls.session.buffers.get(uri)
    if is_config_file(uri):
        ls.log(f"config saved: {uri}; reloading")
        reload(ls)
    elif buf is not None and buf.published != buf.revision:
        publish(ls, uri)


def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams) -> None:
    buf = ls.session.buffers.pop(params.text_document.uri, None)
    if buf is None:
        return
    buf.cancel_timer()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=buf.uri, diagnostics=[]))
    del buf  # the last reference: release_memory frees what it held
    release_memory()


def did_change_watched_files(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(c.uri) for c in params.changes):
        ls.log("config files changed; reloading")
        reload(ls)


async def did_change_configuration(ls: CopydeskServer, params: types.DidChangeConfigurationParams) -> None:
    raw = section(params.settings)
    caps = ls.client_capabilities.workspace
    if not raw and caps and caps.configuration:
        # Pull model: the notification only says "something changed"; ask for our section.
        try:
            items = await ls.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="copydesk")]))
            raw = items[0] if items else None
        except Exception as err:
            ls.log(f"workspace/configuration failed: {err}", types.MessageType.Warning)
    base = section(ls.session.init_options)
    base = base if isinstance(base, Mapping) else {}
    ls.session.configure({**base, **(raw if isinstance(raw, Mapping) else {})})
    publish_all(ls)


def reload(ls: CopydeskServer) -> None:
    ls.session.reload()
    publish_all(ls)


FEATURES = (
    (types.TEXT_DOCUMENT_DID_OPEN, None, did_open),
    (types.TEXT_DOCUMENT_DID_CHANGE, None, did_change),
    (types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False), did_save),
    (types.TEXT_DOCUMENT_DID_CLOSE, None, did_close),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, did_change_watched_files),
    (types.WORKSPACE_DID_CHANGE_CONFIGURATION, None, did_change_configuration),
)
