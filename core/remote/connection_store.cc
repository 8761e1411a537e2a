#include "remote/connection_store.h"

namespace shardscape {
namespace {

constexpr const char* kGroup = "connections";

CredentialSource sourceFromName(const QString& name) {
    if (name == "profile") return CredentialSource::SharedProfile;
    if (name == "typed") return CredentialSource::Typed;
    return CredentialSource::Default;
}

}  // namespace

std::vector<ConnectionProfile> loadConnectionProfiles(QSettings& settings) {
    std::vector<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value("name").toString().toStdString();
        p.endpointUrl = settings.value("endpoint").toString().toStdString();
        p.region = settings.value("region").toString().toStdString();
        p.source = sourceFromName(settings.value("credentials").toString());
        p.awsProfile = settings.value("awsProfile").toString().toStdString();
        p.typed.accessKeyId = settings.value("accessKeyId").toString().toStdString();
        p.rememberSecret = settings.value("rememberSecret", false).toBool();
        if (p.rememberSecret) {
            p.typed.secretAccessKey = settings.value("secretAccessKey").toString().toStdString();
            p.typed.sessionToken = settings.value("sessionToken").toString().toStdString();
        }
        profiles.push_back(std::move(p));
    }
    settings.endArray();
    return profiles;
}

void saveConnectionProfiles(QSettings& settings, const std::vector<ConnectionProfile>& profiles) {
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, static_cast<int>(profiles.size()));
    for (int i = 0; i < static_cast<int>(profiles.size()); ++i) {
        const ConnectionProfile& p = profiles[static_cast<size_t>(i)];
        settings.setArrayIndex(i);
        settings.setValue("name", QString::fromStdString(p.name));
        settings.setValue("endpoint", QString::fromStdString(p.endpointUrl));
        settings.setValue("region", QString::fromStdString(p.region));
        settings.setValue("credentials", QString::fromStdString(credentialSourceName(p.source)));
        settings.setValue("awsProfile", QString::fromStdString(p.awsProfile));
        if (p.source == CredentialSource::Typed) {
            settings.setValue("accessKeyId", QString::fromStdString(p.typed.accessKeyId));
            settings.setValue("rememberSecret", p.rememberSecret);
            if (p.rememberSecret) {
                settings.setValue("secretAccessKey",
                                  QString::fromStdString(p.typed.secretAccessKey));
                settings.setValue("sessionToken", QString::fromStdString(p.typed.sessionToken));
            }
        }
    }
    settings.endArray();
    settings.sync();
}

}  // namespace shardscape
