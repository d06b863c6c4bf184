"""The multiprocessing.dummy module: https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.dummy"""
