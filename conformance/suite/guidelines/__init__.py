"""Programming guidelines: https://docs.python.org/3/library/multiprocessing.html#programming-guidelines"""
