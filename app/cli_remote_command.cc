// shardscape-cli against a remote endpoint: `--endpoint URL [--profile P] [--region R] call`,
// `remote import-schema` and `remote sample`.
#include <QFileInfo>
#include <iostream>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "backend/table_sampler.h"
#include "cli_commands.h"
#include "cli_support.h"
#include "model/model_file.h"
#include "model/table_schema_import.h"
#include "storage/engine.h"

namespace cli {
namespace {

int importSchema(const QCommandLineParser& parser, shardscape::Backend& remote) {
    const std::string table = parser.value("table").toStdString();
    const QString out = parser.value("out");
    auto description = shardscape::describeTable(remote, table);
    if (!description) return printError(description.error());
    auto definition = shardscape::tableDefinitionFromDescription(*description);
    if (!definition) return printError(definition.error());

    shardscape::Model model;
    if (QFileInfo::exists(out)) {
        auto loaded = shardscape::loadModel(out.toStdString());
        if (!loaded) return printError(loaded.error());
        model = std::move(loaded).value();
    } else {
        model.name = QFileInfo(out).completeBaseName().section('.', 0, 0).toStdString();
    }
    const bool replaced =
        shardscape::putModelTable(model, shardscape::modelTableFromDefinition(*definition));
    shardscape::Status saved = shardscape::saveModel(model, out.toStdString());
    if (!saved) return printError(saved.error());
    std::cout << (replaced ? "Replaced" : "Added") << " table " << table << " ("
              << definition->indexes.size() << " index(es)) in " << out.toStdString() << " from "
              << remote.description() << std::endl;
    return 0;
}

int sample(const QCommandLineParser& parser, shardscape::Backend& remote) {
    const std::string table = parser.value("table").toStdString();
    int64_t count = 100;
    if (parser.isSet("count")) {
        bool ok = false;
        count = parser.value("count").toLongLong(&ok);
        if (!ok || count < 1)
            return usage(
                QString("--count must be a positive number, not '%1'").arg(parser.value("count")));
    }
    auto engine = shardscape::Engine::open(dataDirectory(parser).toStdString());
    if (!engine) return printOpenError(engine.error());
    shardscape::LocalBackend local(std::move(engine).value());
    auto result = shardscape::sampleTable(remote, local, table, count, [](int64_t copied) {
        std::cerr << "\rcopied " << copied << std::flush;
        return true;
    });
    std::cerr << std::endl;
    if (!result) return printError(result.error());
    local.engine()->waitForBackgroundWork();
    std::cout << "Copied " << result->copied << " item(s) of " << table << " from "
              << remote.description() << " into " << dataDirectory(parser).toStdString()
              << (result->createdTable ? " (table created)" : "") << std::endl;
    return 0;
}

}  // namespace

shardscape::Result<std::shared_ptr<shardscape::RemoteBackend>> connectRemote(
    const QCommandLineParser& parser) {
    shardscape::ConnectionProfile profile;
    profile.endpointUrl = parser.value("endpoint").toStdString();
    profile.region = parser.value("region").toStdString();
    if (parser.isSet("profile")) {
        profile.source = shardscape::CredentialSource::SharedProfile;
        profile.awsProfile = parser.value("profile").toStdString();
    }
    return shardscape::RemoteBackend::connect(profile, shardscape::AwsEnvironment::fromProcess());
}

bool wantsRemote(const QCommandLineParser& parser) {
    return parser.isSet("endpoint") || parser.isSet("region") || parser.isSet("profile");
}

int remoteCall(const QCommandLineParser& parser, const std::string& operation,
               const QByteArray& body) {
    auto remote = connectRemote(parser);
    if (!remote) return printError(remote.error());
    const shardscape::Json request =
        shardscape::Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (request.is_discarded())
        return printError(shardscape::serializationError("Malformed JSON in the request body"));
    auto response = (*remote)->call(operation, request);
    if (!response) return printError(response.error());
    std::cout << response->dump(4) << std::endl;
    return 0;
}

int remoteCommand(const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    const QString sub = args.size() >= 2 ? args[1] : QString();
    if (args.size() != 2 || (sub != "import-schema" && sub != "sample"))
        return usage(
            "usage: shardscape-cli remote import-schema|sample --endpoint URL|--region R "
            "[--profile P] --table T (import-schema: --out MODEL; sample: [--count N] "
            "[--data DIR])");
    if (!parser.isSet("table")) return usage("remote " + sub + " needs --table T");
    if (!wantsRemote(parser)) return usage("remote " + sub + " needs --endpoint URL or --region R");
    if (sub == "import-schema" && !parser.isSet("out"))
        return usage("remote import-schema needs --out MODEL");
    auto remote = connectRemote(parser);
    if (!remote) return printError(remote.error());
    return sub == "import-schema" ? importSchema(parser, **remote) : sample(parser, **remote);
}

}  // namespace cli
