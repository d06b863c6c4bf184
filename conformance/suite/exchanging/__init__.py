"""Exchanging objects between processes: https://docs.python.org/3/library/multiprocessing.html#exchanging-objects-between-processes"""
