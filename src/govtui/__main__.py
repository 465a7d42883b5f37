from govtui.cli import main

main()
