"""Process and exceptions: https://docs.python.org/3/library/multiprocessing.html#process-and-exceptions"""
