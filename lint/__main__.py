"""`python -m lint` runs the copydesk command line."""
from lint.cli import main

if __name__ == "__main__":
    main()
