"""Pure analyses of a unit or expression: each returns SymPy objects or frozen results."""
