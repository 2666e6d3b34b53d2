"""Rules as data: YAML files in data/, each rule with its own good and bad examples."""
