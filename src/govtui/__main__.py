from govtui.launcher import main

main()
