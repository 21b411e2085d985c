"""Pure rules of the domain: identity numbers, periods, money, categories. Stdlib only."""
