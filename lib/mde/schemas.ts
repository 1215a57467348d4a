/**
 * Tolerant shapes of Defender for Endpoint API answers (graph-api.md §8): the fields the helpers
 * read are typed, everything else passes through untouched.
 */

import { z } from 'zod';

import { optBoolean, optInteger, optObject, optText, optUnknownList } from '../schemas/common';

/** MDE ids are strings, but indicator ids are numeric strings that some answers send as numbers. */
const idText = z.union([z.string(), z.number()]).transform(String);

export const machineSchema = z
	.object({
		id: z.string(),
		computerDnsName: optText,
		firstSeen: optText,
		lastSeen: optText,
		osPlatform: optText,
		version: optText,
		osBuild: optInteger,
		lastIpAddress: optText,
		lastExternalIpAddress: optText,
		healthStatus: optText,
		onboardingStatus: optText,
		riskScore: optText,
		exposureLevel: optText,
		deviceValue: optText,
		rbacGroupName: optText,
		aadDeviceId: optText,
		machineTags: z.array(z.string()).nullish(),
		ipAddresses: optUnknownList,
	})
	.passthrough();
export type Machine = z.infer<typeof machineSchema>;

export const machineActionSchema = z
	.object({
		id: z.string(),
		type: z.string(),
		status: z.string(),
		scope: optText,
		title: optText,
		requestor: optText,
		requestorComment: optText,
		requestSource: optText,
		machineId: optText,
		computerDnsName: optText,
		creationDateTimeUtc: optText,
		lastUpdateDateTimeUtc: optText,
		// graph-api.md §8.2 [C]: list samples spell it lastUpdateTimeUtc.
		lastUpdateTimeUtc: optText,
		cancellationRequestor: optText,
		cancellationComment: optText,
		relatedFileInfo: optObject,
	})
	.passthrough();
export type MachineAction = z.infer<typeof machineActionSchema>;

export const packageUriSchema = z.object({ value: z.string().min(1) }).passthrough();

export const indicatorSchema = z
	.object({
		id: idText,
		indicatorValue: z.string(),
		indicatorType: z.string(),
		action: optText,
		title: optText,
		description: optText,
		severity: optText,
		expirationTime: optText,
		generateAlert: optBoolean,
		recommendedActions: optText,
		application: optText,
		educateUrl: optText,
		rbacGroupNames: z.union([z.array(z.string()), z.string()]).nullish(),
		creationTimeDateTimeUtc: optText,
		lastUpdateTime: optText,
		createdBy: optText,
		createdByDisplayName: optText,
		source: optText,
		sourceType: optText,
	})
	.passthrough();
export type Indicator = z.infer<typeof indicatorSchema>;

export const importResultSchema = z
	.object({
		id: idText.nullish(),
		indicator: optText,
		isFailed: z.boolean(),
		failureReason: optText,
	})
	.passthrough();
export type IndicatorImportResult = z.infer<typeof importResultSchema>;

export const importResponseSchema = z.object({ value: z.array(importResultSchema) }).passthrough();

export const vulnerabilitySchema = z
	.object({
		id: z.string(),
		name: optText,
		description: optText,
		severity: optText,
		cvssV3: z.number().nullish(),
		exposedMachines: optInteger,
		publishedOn: optText,
		updatedOn: optText,
		publicExploit: optBoolean,
		exploitVerified: optBoolean,
	})
	.passthrough();
export type Vulnerability = z.infer<typeof vulnerabilitySchema>;

/** A device exposed to a vulnerability (`/api/vulnerabilities/{id}/machineReferences`). */
export const machineReferenceSchema = z
	.object({
		id: z.string(),
		computerDnsName: optText,
		osPlatform: optText,
		rbacGroupName: optText,
	})
	.passthrough();
export type MachineReference = z.infer<typeof machineReferenceSchema>;

export const softwareSchema = z
	.object({
		id: z.string(),
		name: optText,
		vendor: optText,
		weaknesses: optInteger,
		publicExploit: optBoolean,
		activeAlert: optBoolean,
		exposedMachines: optInteger,
		impactScore: z.number().nullish(),
	})
	.passthrough();
export type Software = z.infer<typeof softwareSchema>;
