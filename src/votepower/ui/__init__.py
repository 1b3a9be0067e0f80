"""Presentation: rendering results (io), pictures (plot), the command line (cli) and the
documentation's topics. Computes nothing of its own."""
