"""The documents of the demo's federation stories (content.py declares their roles): the
CI system's pipeline deploys with a role limited by its token's `sub` and `aud`; engineers
of the company's IdP assume a role whose access follows the team their IdP tags them with."""

from __future__ import annotations

from .documents import DEMO_ACCOUNT_ID, text
from .test_idp import CI_AUDIENCE, CI_ISSUER, CI_SUBJECT

CI_PROVIDER_ARN = (f"arn:aws:iam::{DEMO_ACCOUNT_ID}:oidc-provider/"
                   f"{CI_ISSUER.removeprefix('https://')}")
SAML_PROVIDER_ARN = f"arn:aws:iam::{DEMO_ACCOUNT_ID}:saml-provider/ExampleCorpOkta"
CI_HOST = CI_ISSUER.removeprefix("https://")
WEB_APP_BUCKET = "example-corp-web-app"

# Only the web app's main branch, and only tokens minted for STS.
TRUST_CI_DEPLOY = text({
    "Effect": "Allow",
    "Principal": {"Federated": CI_PROVIDER_ARN},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {f"{CI_HOST}:aud": CI_AUDIENCE,
                                   f"{CI_HOST}:sub": CI_SUBJECT}},
})
DEPLOY_WEB_APP = text({
    "Sid": "PublishTheWebApp", "Effect": "Allow",
    "Action": ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
    "Resource": [f"arn:aws:s3:::{WEB_APP_BUCKET}", f"arn:aws:s3:::{WEB_APP_BUCKET}/*"],
}, {
    "Sid": "UpdateTheStack", "Effect": "Allow",
    "Action": ["cloudformation:DescribeStacks", "cloudformation:UpdateStack"],
    "Resource": "arn:aws:cloudformation:*:*:stack/web-app/*",
})
# The company's IdP, for AWS's sign-in endpoint; it may pass the engineer's team as a tag.
TRUST_ENGINEER_SAML = text({
    "Effect": "Allow",
    "Principal": {"Federated": SAML_PROVIDER_ARN},
    "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
    "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
})
# Engineers start and stop the instances their team owns (the team tag the IdP passes).
TEAM_INSTANCES = text({
    "Sid": "OperateOwnTeamInstances", "Effect": "Allow",
    "Action": ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"],
    "Resource": "arn:aws:ec2:*:*:instance/*",
    "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}},
})
