"""Contexts and start methods: https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods"""
