"""Wire-level mutation testing of the generated package (`make mutate`, docs/reliability.md).

`operators.py` finds mutation targets in a generated package by AST shape and builds mutants;
`campaign.py` samples them, runs the configured tests against each and reports the score.
"""
