"""Who may do what in the app: its rules, registered with the policy."""
