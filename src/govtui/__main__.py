from govtui.cli.launcher import main

main()
