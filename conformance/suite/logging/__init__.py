"""Logging: https://docs.python.org/3/library/multiprocessing.html#logging"""
