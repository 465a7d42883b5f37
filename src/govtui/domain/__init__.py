"""govtui's domain layer (see the README's Layout)."""
