"""Pipes and Queues: https://docs.python.org/3/library/multiprocessing.html#pipes-and-queues"""
