// The `sift` subcommands. Each Add*Command() registers its flags on `app`
// and returns the state its Run*() function reads once parsing is done.
// Run functions print results on stdout, messages on stderr, and return
// the process exit code: 0 success, 1 input or usage error.
#ifndef SIFT_CLI_SRC_COMMANDS_H_
#define SIFT_CLI_SRC_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>

namespace sift::cli {

struct IngestArgs;
struct SearchArgs;

std::shared_ptr<IngestArgs> AddIngestCommand(CLI::App* app);
int RunIngest(const IngestArgs& args);

std::shared_ptr<SearchArgs> AddSearchCommand(CLI::App* app);
int RunSearch(const SearchArgs& args);

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_COMMANDS_H_
