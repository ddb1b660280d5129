"""Stage 4, context: a figure and its sentence -> a claim (link), with who it is about (orgs:
organisation names; roles: subject and counterparty from the parse), when (periods) and how
sure and according to whom (hedging)."""
