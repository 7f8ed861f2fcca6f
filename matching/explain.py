def explain(facts: dict) -> str:
    return ""
