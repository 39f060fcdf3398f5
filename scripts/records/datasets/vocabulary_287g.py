"""The values ICE's 287(g) lists use, as the tidy tables write them: read by the spreadsheet reader (which maps what
ICE published onto them) and by the tables' schemas (which accept nothing else)."""

MODELS = ("Jail Enforcement Model", "Task Force Model", "Warrant Service Officer")
AGENCY_TYPES = ("County", "Municipality", "State Agency")
