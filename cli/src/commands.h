// The `sift` subcommands. Each Add*Command() registers its flags on `app`
// and returns the state its Run*() function reads once parsing is done.
// Run functions print results on stdout, messages on stderr, and return
// the process exit code: 0 success, 1 input or usage error.
#ifndef SIFT_CLI_SRC_COMMANDS_H_
#define SIFT_CLI_SRC_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string_view>

#include "sift/core/status.h"

namespace sift::cli {

// Prints "sift <command>: <reason>" on stderr; returns the exit code, 1.
inline int Fail(std::string_view command, const Status& s) {
  std::cerr << "sift " << command << ": " << s.message() << "\n";
  return 1;
}

struct IngestArgs;
struct SearchArgs;
struct TrainArgs;
struct ClassifyArgs;
struct EvalArgs;
struct VectorsArgs;

std::shared_ptr<IngestArgs> AddIngestCommand(CLI::App* app);
int RunIngest(const IngestArgs& args);

std::shared_ptr<SearchArgs> AddSearchCommand(CLI::App* app);
int RunSearch(const SearchArgs& args);

// `command_line` is recorded in the model card as the way to reproduce.
std::shared_ptr<TrainArgs> AddTrainCommand(CLI::App* app);
int RunTrain(const TrainArgs& args, const std::string& command_line);

std::shared_ptr<ClassifyArgs> AddClassifyCommand(CLI::App* app);
int RunClassify(const ClassifyArgs& args);

std::shared_ptr<EvalArgs> AddEvalCommand(CLI::App* app);
int RunEval(const EvalArgs& args);

std::shared_ptr<VectorsArgs> AddVectorsCommand(CLI::App* app);
int RunVectors(const VectorsArgs& args);

struct CampaignsArgs;
std::shared_ptr<CampaignsArgs> AddCampaignsCommand(CLI::App* app);
int RunCampaigns(const CampaignsArgs& args);

struct ThemesArgs;
std::shared_ptr<ThemesArgs> AddThemesCommand(CLI::App* app);
int RunThemes(const ThemesArgs& args);

struct DigestArgs;
std::shared_ptr<DigestArgs> AddDigestCommand(CLI::App* app);
int RunDigest(const DigestArgs& args);

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_COMMANDS_H_
