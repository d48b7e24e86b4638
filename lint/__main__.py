"""`python -m lint` runs the copydesk command line."""
from .cli.main import main

if __name__ == "__main__":
    main()
