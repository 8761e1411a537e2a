#include "connections_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/backend.h"
#include "backend/remote_backend.h"
#include "remote/connection_store.h"

namespace shardscape {

ConnectionsDialog::ConnectionsDialog(std::vector<ConnectionProfile> profiles, QSettings* settings,
                                     AwsEnvironment environment, QWidget* parent)
    : QDialog(parent),
      profiles_(std::move(profiles)),
      settings_(settings),
      environment_(std::move(environment)) {
    setObjectName("connectionsDialog");
    setWindowTitle(tr("Connections"));
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    list_ = new QListWidget(this);
    list_->setObjectName("connectionList");
    left->addWidget(list_, 1);
    auto* listButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("New"), this);
    add->setObjectName("newConnection");
    auto* remove = new QPushButton(tr("Delete"), this);
    remove->setObjectName("deleteConnection");
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    left->addLayout(listButtons);
    layout->addLayout(left, 1);

    auto* right = new QVBoxLayout;
    auto* form = new QFormLayout;
    auto line = [this](const char* name, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        return edit;
    };
    name_ = line("connectionName", tr("e.g. dev account"));
    endpoint_ = line("endpointUrl", tr("empty: https://dynamodb.REGION.amazonaws.com"));
    region_ = line("region", tr("empty: AWS_REGION or the profile's region"));
    source_ = new QComboBox(this);
    source_->setObjectName("credentialSource");
    source_->addItems(
        {tr("Environment, then AWS profile"), tr("AWS profile (~/.aws)"), tr("Typed in")});
    awsProfile_ = line("awsProfile", tr("empty: AWS_PROFILE or default"));
    accessKey_ = line("accessKeyId", tr("AKIA…"));
    secret_ = line("secretAccessKey", {});
    secret_->setEchoMode(QLineEdit::Password);
    token_ = line("sessionToken", tr("temporary credentials only"));
    token_->setEchoMode(QLineEdit::Password);
    remember_ = new QCheckBox(tr("Remember the secret on this computer"), this);
    remember_->setObjectName("rememberSecret");
    form->addRow(tr("Name:"), name_);
    form->addRow(tr("Endpoint URL:"), endpoint_);
    form->addRow(tr("Region:"), region_);
    form->addRow(tr("Credentials:"), source_);
    form->addRow(tr("AWS profile:"), awsProfile_);
    form->addRow(tr("Access key id:"), accessKey_);
    form->addRow(tr("Secret access key:"), secret_);
    form->addRow(tr("Session token:"), token_);
    form->addRow(QString(), remember_);
    right->addLayout(form);
    auto* testRow = new QHBoxLayout;
    testButton_ = new QPushButton(tr("Test connection"), this);
    testButton_->setObjectName("testConnection");
    testRow->addWidget(testButton_);
    testRow->addStretch(1);
    right->addLayout(testRow);
    result_ = new QLabel(this);
    result_->setObjectName("testResult");
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    result_->setMinimumHeight(3 * result_->fontMetrics().lineSpacing() + 4);  // long errors
    right->addWidget(result_);
    right->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connectButton_ = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    connectButton_->setObjectName("connectButton");
    auto* saveButton = buttons->addButton(tr("Save"), QDialogButtonBox::ApplyRole);
    saveButton->setObjectName("saveConnections");
    right->addWidget(buttons);
    layout->addLayout(right, 2);
    resize(720, 420);

    for (const auto& p : profiles_) list_->addItem(QString::fromStdString(p.name));
    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
        storeForm();
        showProfile(row);
    });
    connect(add, &QPushButton::clicked, this, &ConnectionsDialog::addProfile);
    connect(remove, &QPushButton::clicked, this, &ConnectionsDialog::removeCurrent);
    connect(testButton_, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    connect(saveButton, &QPushButton::clicked, this, &ConnectionsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        storeForm();
        reject();
    });
    connect(connectButton_, &QPushButton::clicked, this, [this] {
        storeForm();
        save();
        chosen_ = current_;
        accept();
    });
    for (QLineEdit* edit : {name_, endpoint_, region_, awsProfile_, accessKey_, secret_, token_})
        connect(edit, &QLineEdit::textEdited, this, [this] { storeForm(); });
    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (auto* item = list_->item(current_)) item->setText(text);
    });
    connect(source_, &QComboBox::currentIndexChanged, this, [this] {
        storeForm();
        updateEnabled();
    });
    connect(remember_, &QCheckBox::toggled, this, [this] { storeForm(); });
    connect(&tester_, &QFutureWatcher<Result<QString>>::finished, this, [this] {
        const Result<QString> outcome = tester_.result();
        testButton_->setEnabled(true);
        const QString message =
            outcome
                ? *outcome
                : QString::fromStdString(outcome.error().name() + ": " + outcome.error().message);
        result_->setText(message);
        result_->setStyleSheet(outcome ? "color: #1b7a1b;" : "color: #b00020;");
        emit testFinished(outcome.ok(), message);
    });
    list_->setCurrentRow(profiles_.empty() ? -1 : 0);
    showProfile(list_->currentRow());
}

void ConnectionsDialog::addProfile() {
    storeForm();
    ConnectionProfile profile;
    profile.name = tr("Connection %1").arg(profiles_.size() + 1).toStdString();
    profile.endpointUrl = "http://localhost:8000";
    profiles_.push_back(profile);
    list_->addItem(QString::fromStdString(profile.name));
    list_->setCurrentRow(static_cast<int>(profiles_.size()) - 1);
}

void ConnectionsDialog::removeCurrent() {
    if (current_ < 0 || current_ >= static_cast<int>(profiles_.size())) return;
    const int row = current_;
    current_ = -1;  // nothing to store from the form
    profiles_.erase(profiles_.begin() + row);
    delete list_->takeItem(row);
    showProfile(list_->currentRow());
}

void ConnectionsDialog::showProfile(int row) {
    current_ = row;
    loading_ = true;
    const bool valid = row >= 0 && row < static_cast<int>(profiles_.size());
    const ConnectionProfile profile =
        valid ? profiles_[static_cast<size_t>(row)] : ConnectionProfile{};
    name_->setText(QString::fromStdString(profile.name));
    endpoint_->setText(QString::fromStdString(profile.endpointUrl));
    region_->setText(QString::fromStdString(profile.region));
    source_->setCurrentIndex(static_cast<int>(profile.source));
    awsProfile_->setText(QString::fromStdString(profile.awsProfile));
    accessKey_->setText(QString::fromStdString(profile.typed.accessKeyId));
    secret_->setText(QString::fromStdString(profile.typed.secretAccessKey));
    token_->setText(QString::fromStdString(profile.typed.sessionToken));
    remember_->setChecked(profile.rememberSecret);
    result_->clear();
    loading_ = false;
    updateEnabled();
}

void ConnectionsDialog::storeForm() {
    if (loading_ || current_ < 0 || current_ >= static_cast<int>(profiles_.size())) return;
    ConnectionProfile& p = profiles_[static_cast<size_t>(current_)];
    p.name = name_->text().trimmed().toStdString();
    p.endpointUrl = endpoint_->text().trimmed().toStdString();
    p.region = region_->text().trimmed().toStdString();
    p.source = static_cast<CredentialSource>(std::max(0, source_->currentIndex()));
    p.awsProfile = awsProfile_->text().trimmed().toStdString();
    p.typed = {accessKey_->text().trimmed().toStdString(), secret_->text().toStdString(),
               token_->text().trimmed().toStdString()};
    p.rememberSecret = remember_->isChecked();
}

void ConnectionsDialog::updateEnabled() {
    const bool valid = current_ >= 0;
    const auto source = static_cast<CredentialSource>(std::max(0, source_->currentIndex()));
    for (QWidget* w : std::initializer_list<QWidget*>{name_, endpoint_, region_, source_,
                                                      testButton_, connectButton_})
        w->setEnabled(valid);
    awsProfile_->setEnabled(valid && source != CredentialSource::Typed);
    for (QWidget* w : std::initializer_list<QWidget*>{accessKey_, secret_, token_, remember_})
        w->setEnabled(valid && source == CredentialSource::Typed);
}

void ConnectionsDialog::save() {
    storeForm();
    if (settings_) saveConnectionProfiles(*settings_, profiles_);
}

void ConnectionsDialog::testConnection() {
    storeForm();
    if (current_ < 0 || tester_.isRunning()) return;
    const ConnectionProfile profile = profiles_[static_cast<size_t>(current_)];
    const AwsEnvironment environment = environment_;
    testButton_->setEnabled(false);
    result_->setStyleSheet({});
    result_->setText(tr("Connecting…"));
    tester_.setFuture(QtConcurrent::run([profile, environment]() -> Result<QString> {
        auto backend = RemoteBackend::connect(profile, environment);
        if (!backend) return backend.error();
        auto tables = listAllTables(**backend);
        if (!tables) return tables.error();
        const ResolvedConnection& c = (*backend)->client().connection();
        return QObject::tr("Connected to %1 (%2, credentials: %3): %n table(s)", nullptr,
                           static_cast<int>(tables->size()))
            .arg(QString::fromStdString(c.endpointUrl), QString::fromStdString(c.region),
                 QString::fromStdString(c.credentialOrigin));
    }));
}

}  // namespace shardscape
