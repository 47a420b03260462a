"""`onex plan`: the start-of-year plan (§5.2) and the fee budget (§6.1), built from the registry.

`settings` reads the assumptions from onex.yaml, `forecast` does the arithmetic (pure), `draft`
merges the result into `plans/<year>.yaml` and `staff-plans/<year>.yaml` without losing anything,
`render` shows it as tables, Markdown or JSON. The model is documented in docs/planning.md.
"""
