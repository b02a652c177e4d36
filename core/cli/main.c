/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    folio_oom_set_handler(folio_cli_exit_oom);
    struct folio_cli cli;
    int status = folio_cli_parse(&cli, argc, argv);
    if (status == FOLIO_CLI_OK) {
        if (cli.help)
            folio_cli_help();
        else if (cli.version)
            printf("folio %s (plugin ABI %u)\n", folio_version(), FOLIO_PLUGIN_ABI);
        else
            status = folio_cli_run(&cli);
    }
    folio_cli_free(&cli);
    if (fflush(stdout) != 0 && status == FOLIO_CLI_OK) {
        perror("folio: <stdout>");
        status = FOLIO_CLI_EIO;
    }
    return status;
}
