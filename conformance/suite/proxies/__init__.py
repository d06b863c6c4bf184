"""Proxy Objects: https://docs.python.org/3/library/multiprocessing.html#proxy-objects"""
