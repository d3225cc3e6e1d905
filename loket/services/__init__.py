"""Domain operations of the desk that touch several rows or send work elsewhere, one module
per area: reports (rapporten), advice conversations (advies), events (evenementen), the
candidate's own data (privacy)."""
