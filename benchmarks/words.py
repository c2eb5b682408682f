"""Words the synthetic help centers of the benchmarks are written with."""

VERBS = ["change", "download", "reset", "update", "cancel", "track", "connect", "request"]
FILLER = (
    "Open the settings page and choose the option that matches your case. "
    "If the button is greyed out, ask the owner of your account for access. "
    "Changes apply at once and you receive a confirmation by email."
).split()
