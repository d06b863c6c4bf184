"""Listeners and Clients: https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.connection"""
