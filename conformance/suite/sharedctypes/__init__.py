"""Shared ctypes Objects: https://docs.python.org/3/library/multiprocessing.html#shared-ctypes-objects"""
