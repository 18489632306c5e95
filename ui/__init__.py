"""Streamlit glue shared by dashboard.py and the pages (the only layer that imports streamlit)."""
