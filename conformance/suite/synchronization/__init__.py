"""Synchronization primitives: https://docs.python.org/3/library/multiprocessing.html#synchronization-primitives"""
