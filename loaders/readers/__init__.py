"""One small reader a file format: each turns bytes into text with one paragraph a line."""
