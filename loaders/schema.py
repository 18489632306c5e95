"""DuckDB tables the loader writes and the app reads (names are stable: see DESIGN.md)."""

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    issuer VARCHAR,
    place VARCHAR,
    round VARCHAR,
    published DATE,
    inspection_start DATE,
    inspection_end DATE,
    source_file VARCHAR,
    source_format VARCHAR,
    encoding VARCHAR,
    sha256 VARCHAR,
    text VARCHAR,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sections (
    doc_id VARCHAR,
    section_id INTEGER,
    parent_id INTEGER,
    level INTEGER,
    kind VARCHAR,
    label VARCHAR,
    title VARCHAR,
    part VARCHAR,
    item_no INTEGER,
    char_start INTEGER,
    char_end INTEGER
);
CREATE TABLE IF NOT EXISTS items (
    doc_id VARCHAR,
    item_no INTEGER,
    part VARCHAR,
    label VARCHAR,
    title VARCHAR,
    topic VARCHAR,
    status VARCHAR,
    status_evidence VARCHAR,
    status_basis VARCHAR,
    owner VARCHAR,
    deadline DATE,
    char_start INTEGER,
    char_end INTEGER
);
CREATE TABLE IF NOT EXISTS indicators (
    doc_id VARCHAR,
    indicator_id INTEGER,
    part VARCHAR,
    item_no INTEGER,
    topic VARCHAR,
    theme VARCHAR,
    subject VARCHAR,
    metric VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    kind VARCHAR,
    change VARCHAR,
    period VARCHAR,
    villages VARCHAR[],
    sentence VARCHAR,
    sentence_start INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    raw VARCHAR
);
CREATE TABLE IF NOT EXISTS progress (
    doc_id VARCHAR,
    item_no INTEGER,
    part VARCHAR,
    subject VARCHAR,
    metric VARCHAR,
    done DOUBLE,
    total DOUBLE,
    unit VARCHAR,
    sentence VARCHAR,
    char_start INTEGER
);
CREATE TABLE IF NOT EXISTS village_mentions (
    doc_id VARCHAR,
    village VARCHAR,
    village_type VARCHAR,
    item_no INTEGER,
    part VARCHAR,
    sentence VARCHAR,
    char_start INTEGER
);
"""

TABLES = ("documents", "sections", "items", "indicators", "progress", "village_mentions")
