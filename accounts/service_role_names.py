"""The names AWS gives service-linked roles: AWSServiceRoleFor<Name>[_<suffix>].

AWS names each service's role itself (its documentation lists them: EC2 Auto Scaling's
AWSServiceRoleForAutoScaling, Application Auto Scaling's
AWSServiceRoleForApplicationAutoScaling_DynamoDBTable...); no rule derives them from the
service principal. The well-known ones are in SERVICE_ROLE_NAMES; for any other principal the
name is made as AWS's own names mostly are: the service's labels in words
(elasticfilesystem.amazonaws.com -> Elasticfilesystem), with a sub-service's after an
underscore (custom-resource.application-autoscaling -> ApplicationAutoscaling_CustomResource).
"""

from __future__ import annotations

import re

PREFIX = "AWSServiceRoleFor"
_DOMAIN = ".amazonaws.com"

# Service principal -> the name after AWSServiceRoleFor, as AWS's documentation names it.
SERVICE_ROLE_NAMES = {
    "access-analyzer": "AccessAnalyzer",
    "autoscaling": "AutoScaling",
    "cloudtrail": "CloudTrail",
    "config": "Config",
    "custom-resource.application-autoscaling": "ApplicationAutoScaling_CustomResource",
    "dynamodb.application-autoscaling": "ApplicationAutoScaling_DynamoDBTable",
    "ec2.application-autoscaling": "ApplicationAutoScaling_EC2SpotFleetRequest",
    "ecs": "ECS",
    "ecs.application-autoscaling": "ApplicationAutoScaling_ECSService",
    "eks": "AmazonEKS",
    "elasticache": "ElastiCache",
    "elasticbeanstalk": "ElasticBeanstalk",
    "elasticloadbalancing": "ElasticLoadBalancing",
    "guardduty": "AmazonGuardDuty",
    "organizations": "Organizations",
    "rds": "RDS",
    "rds.application-autoscaling": "ApplicationAutoScaling_RDSCluster",
    "redshift": "Redshift",
    "securityhub": "SecurityHub",
    "spot": "EC2Spot",
    "ssm": "AmazonSSM",
    "sso": "SSO",
    "support": "Support",
    "trustedadvisor": "TrustedAdvisor",
}


def _words(label: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[-.]", label))


def service_role_name(service: str, custom_suffix: str | None = None) -> str:
    """AWSServiceRoleFor<Name>[_<suffix>] of a service principal
    (elasticbeanstalk.amazonaws.com -> AWSServiceRoleForElasticBeanstalk)."""
    key = service.removesuffix(_DOMAIN)
    name = SERVICE_ROLE_NAMES.get(key)
    if name is None:
        sub, _, main = key.rpartition(".")
        name = _words(main) + (f"_{_words(sub)}" if sub else "")
    return f"{PREFIX}{name}_{custom_suffix}" if custom_suffix else PREFIX + name
