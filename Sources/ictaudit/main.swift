print("ictaudit")
