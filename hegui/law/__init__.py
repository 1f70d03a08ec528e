"""Law as data: instruments, parameters, mappings and the working-day calendar."""
