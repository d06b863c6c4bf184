"""Managers: https://docs.python.org/3/library/multiprocessing.html#managers"""
