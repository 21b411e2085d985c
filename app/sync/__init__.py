"""Sync: outbox capture now; protocol, client and USB bundles come with the sync issue."""
