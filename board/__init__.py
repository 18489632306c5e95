"""Read side of the dashboard: queries, figure builders and exports (never imports streamlit)."""
