/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    folio_oom_set_handler(cli_exit_oom);
    struct cli cli;
    int status = cli_parse(&cli, argc, argv);
    if (status == CLI_OK) {
        if (cli.help)
            cli_help();
        else if (cli.version)
            printf("folio %s (plugin ABI %u)\n", folio_version(), FOLIO_PLUGIN_ABI);
        else
            status = cli_run(&cli);
    }
    cli_free(&cli);
    if (fflush(stdout) != 0 && status == CLI_OK) {
        perror("folio: <stdout>");
        status = CLI_EIO;
    }
    return status;
}
