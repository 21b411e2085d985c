"""Desktop use cases. One session per call; plain dataclasses out; DomainError subclasses raised."""
