"""SO&P partnerships (opleidingsscholen), their members, training places and placements."""
