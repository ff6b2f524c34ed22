"""File readers: every file a notebook reads goes through here; domain modules read no files."""
