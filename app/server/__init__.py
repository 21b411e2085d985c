"""The kabupaten's central server: sync API, server-only tables and migrations, `payung-server`.

Imports only app.models, app.domain, app.documents, app.sync.protocol and app.sync.wire
(docs/sync-internals.md, "Layers"); FastAPI and uvicorn are imported by the modules that serve.
"""
