"""multiprocessing.shared_memory: https://docs.python.org/3/library/multiprocessing.shared_memory.html#module-multiprocessing.shared_memory"""
