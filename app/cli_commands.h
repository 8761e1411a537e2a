#pragma once
// shardscape-cli's commands beyond `call`; each reads its arguments from the parser.

#include <QCommandLineParser>
#include <memory>
#include <string>

#include "base/result.h"

namespace shardscape {
class RemoteBackend;
}

namespace cli {

int modelCommand(const QCommandLineParser& parser);     // model check|import|export|commit
int commitCommand(const QCommandLineParser& parser);    // model commit (cli_commit_command.cc)
int loadCommand(const QCommandLineParser& parser);      // load (tables, sample data, item files)
int dumpCommand(const QCommandLineParser& parser);      // dump (export a table's items)
int simulateCommand(const QCommandLineParser& parser);  // simulate (model mode)
int repairCommand(const QCommandLineParser& parser);    // repair --data DIR

// Remote endpoints (cli_remote_command.cc): whether --endpoint, --region or --profile asks
// for one; `call` sent there; `remote import-schema|sample`.
bool wantsRemote(const QCommandLineParser& parser);
// The remote --endpoint, --region and --profile name, connected.
shardscape::Result<std::shared_ptr<shardscape::RemoteBackend>> connectRemote(
    const QCommandLineParser& parser);
int remoteCall(const QCommandLineParser& parser, const std::string& operation,
               const QByteArray& body);
int remoteCommand(const QCommandLineParser& parser);

}  // namespace cli
