"""Process Pools: https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.pool"""
